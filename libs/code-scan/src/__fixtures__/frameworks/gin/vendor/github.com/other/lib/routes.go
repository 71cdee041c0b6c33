package lib

func Routes(r *gin.Engine) { r.GET("/vendored", nil) }
