import httpx
import requests
from flask import Blueprint

bp = Blueprint("quotes", __name__)

# httpx raises after 5 s of network inactivity unless told otherwise: no timeout= is still a timeout.
ledger = httpx.Client(base_url="http://ledger")
events = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=2.0))


@bp.route("/quotes")
def quotes():
    r = requests.get("http://quotes/today", timeout=(1, 3))
    return r.json()


@bp.route("/rates")
def rates():
    r = httpx.get("http://rates/today")
    httpx.post("http://audit/rates", json=r.json(), timeout=2.0)
    return r.json()
