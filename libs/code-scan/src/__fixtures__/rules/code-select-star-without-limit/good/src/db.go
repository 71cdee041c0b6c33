package store

func RecentOrders(db *sql.DB) (*sql.Rows, error) {
	return db.Query("SELECT id, total FROM orders ORDER BY created_at DESC LIMIT 50")
}

func Order(db *sql.DB, id string) *sql.Row {
	return db.QueryRow("SELECT * FROM orders WHERE id = $1", id)
}
