package store

func AllOrders(db *sql.DB) (*sql.Rows, error) {
	return db.Query("SELECT * FROM orders ORDER BY created_at DESC") // expect-finding
}
