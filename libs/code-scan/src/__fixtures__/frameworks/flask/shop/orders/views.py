from flask import Blueprint

blueprint = Blueprint("orders", __name__, url_prefix="/ignored")


@blueprint.get("/<order_id>")
def get_order(order_id):
    return {}


@blueprint.delete("/<order_id>")
def cancel_order(order_id):
    return {}
