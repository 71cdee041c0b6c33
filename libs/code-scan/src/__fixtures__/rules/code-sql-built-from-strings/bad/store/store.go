package store

func Find(db *sql.DB, id string) {
	db.Query(fmt.Sprintf("SELECT name FROM users WHERE id = %s", id)) // expect-finding
}
