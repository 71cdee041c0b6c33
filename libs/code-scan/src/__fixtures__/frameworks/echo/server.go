package main

import "github.com/labstack/echo/v4"

func main() {
	e := echo.New()
	admin := e.Group("/admin")
	admin.GET("/users/:id", getUser)
	e.POST("/login", login)
	e.Logger.Fatal(e.Start(":1323"))
}
