import httpx
import requests
from flask import Blueprint

bp = Blueprint("quotes", __name__)

# An explicit None switches off httpx's default timeout for every request of the client.
ledger = httpx.Client(base_url="http://ledger", timeout=None)  # expect-finding
events = httpx.AsyncClient(timeout=httpx.Timeout(None))  # expect-finding


@bp.route("/quotes")
def quotes():
    r = requests.get("http://quotes/today")  # expect-finding: GET /quotes
    return r.json()


@bp.route("/rates")
def rates():
    r = httpx.get("http://rates/today", timeout=None)  # expect-finding: GET /rates
    requests.post("http://audit/rates", json=r.json(), timeout=None)  # expect-finding: GET /rates
    return r.json()
