from fastapi import APIRouter

from app.repositories import ArticlesRepository

router = APIRouter()


@router.get("/articles")
async def list_articles(repo: ArticlesRepository, limit: int = 20, offset: int = 0):
    return await repo.list_page(limit, offset)
