from fastapi import FastAPI

from app.api.routes.api import router as api_router
from app.core.config import settings

app = FastAPI()
app.include_router(api_router, prefix=settings.api_prefix)


@app.get("/health")
def health():
    return {"ok": True}
