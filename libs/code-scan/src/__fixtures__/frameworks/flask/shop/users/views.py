from flask import Blueprint

blueprint = Blueprint("users", __name__, url_prefix="/api")


@blueprint.route("/users", methods=("POST",))
def register():
    return {}


@blueprint.route("/users/<int:user_id>")
def get_user(user_id):
    return {}
