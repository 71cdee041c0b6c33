from django.conf.urls import include, url
from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from .views import BookViewSet, ReviewListCreateView, StatsView, health

router = DefaultRouter(trailing_slash=False)
router.register(r'books', BookViewSet)

urlpatterns = [
    url(r'^', include(router.urls)),
    re_path(r'^books/(?P<book_slug>[-\w]+)/reviews/?$', ReviewListCreateView.as_view()),
    path('stats/<int:year>', StatsView.as_view()),
    path('health', health),
]
