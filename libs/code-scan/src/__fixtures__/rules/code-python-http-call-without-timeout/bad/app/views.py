import requests
from flask import Blueprint

bp = Blueprint("quotes", __name__)


@bp.route("/quotes")
def quotes():
    r = requests.get("http://quotes/today")  # expect-finding: GET /quotes
    return r.json()
