package main

import (
	"encoding/json"
	"net/http"
)

func create(w http.ResponseWriter, r *http.Request) {
	var body map[string]any
	json.NewDecoder(r.Body).Decode(&body) // expect-finding: POST /items
}

func main() {
	http.HandleFunc("POST /items", create)
}
