class ArticlesRepository:
    def list_all(self):
        return Article.objects.all()  # expect-finding: GET /articles

    def get(self, slug):
        return Article.objects.filter(slug=slug).first()
