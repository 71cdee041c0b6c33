def search(cursor, term):
    cursor.execute(f"SELECT id FROM products WHERE title LIKE '%{term}%'")  # expect-finding
    sql = "DELETE FROM carts WHERE owner = '" + term + "'"
    cursor.execute(sql)  # expect-finding
