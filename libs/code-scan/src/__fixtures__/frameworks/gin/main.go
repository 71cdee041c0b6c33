package main

import (
	"github.com/gin-gonic/gin"

	"example.com/shop/orders"
)

func main() {
	r := gin.Default()
	v1 := r.Group("/api/v1")
	orders.Register(v1.Group("/orders"))
	r.GET("/ping", func(c *gin.Context) { c.String(200, "pong") })
	r.Run()
}
