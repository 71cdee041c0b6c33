package handlers

func Save(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("n")) // expect-finding
	_ = store.Save(n) // expect-finding
	if err := store.Flush(); err != nil { // expect-finding
	}
}
