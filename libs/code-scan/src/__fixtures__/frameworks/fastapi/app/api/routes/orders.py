from fastapi import APIRouter

router = APIRouter(prefix="/orders")


@router.post("", status_code=201)
async def create_order():
    return {}
