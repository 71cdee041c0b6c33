from rest_framework import serializers

from .models import User


class UserSerializer(serializers.ModelSerializer):
    # Read-only or not, a password hash has no business in an answer.
    password = serializers.CharField(read_only=True)

    class Meta:  # expect-finding
        model = User
        fields = ['email', 'username', 'password']


class ApiKeySerializer(serializers.ModelSerializer):
    class Meta:  # expect-finding
        model = User
        fields = ('username', 'api_key')
