from fastapi import APIRouter

from app.repositories import ArticlesRepository

router = APIRouter()


@router.get("/articles")
async def list_articles(repo: ArticlesRepository):
    return await repo.list_all()


@router.get("/articles/{slug}")
async def get_article(slug: str, repo: ArticlesRepository):
    return await repo.get(slug)
