import asyncio

import httpx
from fastapi import FastAPI

app = FastAPI()


@app.get("/weather")
async def weather():
    await asyncio.sleep(1)
    async with httpx.AsyncClient(timeout=3) as client:
        return (await client.get("http://weather/today")).json()


@app.get("/legacy")
def legacy():
    import requests

    return requests.get("http://weather/today", timeout=3).json()
