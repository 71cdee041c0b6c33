package main

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

func routes() http.Handler {
	r := chi.NewRouter()
	r.Route("/articles", func(r chi.Router) {
		r.Get("/", listArticles)
		r.Route("/{articleID}", func(r chi.Router) {
			r.Get("/", getArticle)
			r.Put("/", updateArticle)
		})
	})
	r.Mount("/admin", adminRouter())
	return r
}

func adminRouter() chi.Router {
	r := chi.NewRouter()
	r.Get("/stats", stats)
	return r
}
