from pydantic import BaseSettings


class Settings(BaseSettings):
    api_prefix: str = "/api"


settings = Settings()
