package main

import "net/http"

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", getItem)
	mux.HandleFunc("POST /items", createItem)
	http.HandleFunc("/healthz", health)
	http.ListenAndServe(":8080", mux)
}
