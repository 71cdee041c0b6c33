from flask import Flask

from shop.users import views as users
from shop.orders.views import blueprint as orders


def create_app():
    app = Flask(__name__)
    app.register_blueprint(users.blueprint)
    app.register_blueprint(orders, url_prefix="/api/orders")
    return app
