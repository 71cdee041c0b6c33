def search(cursor, term):
    cursor.execute("SELECT id FROM products WHERE title LIKE %s", (f"%{term}%",))
