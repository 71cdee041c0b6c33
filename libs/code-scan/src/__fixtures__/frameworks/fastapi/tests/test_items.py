from app.main import app


@app.get("/only-in-tests")
def not_a_route():
    pass
