import time

import requests
from fastapi import FastAPI

app = FastAPI()


@app.get("/weather")
async def weather():
    time.sleep(1)  # expect-finding: GET /weather
    return requests.get("http://weather/today", timeout=3).json()  # expect-finding: GET /weather
