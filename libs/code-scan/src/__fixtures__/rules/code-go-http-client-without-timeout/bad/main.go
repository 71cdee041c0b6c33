package main

import "net/http"

var client = &http.Client{} // expect-finding

func quotes(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("http://quotes/today") // expect-finding: GET /quotes
	if err != nil {
		http.Error(w, err.Error(), 502)
		return
	}
	defer resp.Body.Close()
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /quotes", quotes)
	http.ListenAndServe(":8080", mux)
}
