from rest_framework import generics, mixins, viewsets
from rest_framework.decorators import api_view
from rest_framework.views import APIView


class BookViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_field = 'slug'

    def destroy(self, request, slug=None):
        pass


class ReviewListCreateView(generics.ListCreateAPIView):
    pass


class StatsView(APIView):
    def get(self, request, year):
        pass


@api_view(['GET'])
def health(request):
    pass
