import requests
from flask import Blueprint

bp = Blueprint("quotes", __name__)


@bp.route("/quotes")
def quotes():
    r = requests.get("http://quotes/today", timeout=(1, 3))
    return r.json()
