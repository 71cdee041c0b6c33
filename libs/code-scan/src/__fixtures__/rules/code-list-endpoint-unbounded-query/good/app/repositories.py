class ArticlesRepository:
    def list_page(self, limit, offset):
        return Article.objects.all()[offset : offset + limit]
