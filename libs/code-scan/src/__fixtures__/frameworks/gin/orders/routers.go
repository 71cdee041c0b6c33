package orders

import "github.com/gin-gonic/gin"

func Register(router *gin.RouterGroup) {
	router.GET("/", List)
	router.POST("/", Create)
	router.GET("/:id", Get)
	router.DELETE("/:id/lines/*line", DeleteLine)
}
