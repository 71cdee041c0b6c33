package main

import (
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 3 * time.Second}

func quotes(w http.ResponseWriter, r *http.Request) {
	resp, err := client.Get("http://quotes/today")
	if err != nil {
		http.Error(w, err.Error(), 502)
		return
	}
	defer resp.Body.Close()
}
