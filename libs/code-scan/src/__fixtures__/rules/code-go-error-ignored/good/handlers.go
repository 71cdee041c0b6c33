package handlers

func Save(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil {
		http.Error(w, "n must be a number", http.StatusBadRequest)
		return
	}
	if err := store.Save(n); err != nil {
		http.Error(w, "save failed", http.StatusInternalServerError)
	}
	for _, v := range []int{1, 2} {
		fmt.Println(v)
	}
}
