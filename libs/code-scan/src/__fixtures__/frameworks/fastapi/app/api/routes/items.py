from fastapi import APIRouter

router = APIRouter()


@router.get("")
async def list_items(limit: int = 20):
    return []


@router.get("/{item_id}")
async def get_item(item_id: int):
    return {}


@router.api_route("/{item_id}", methods=["PUT", "PATCH"])
async def replace_item(item_id: int):
    return {}
