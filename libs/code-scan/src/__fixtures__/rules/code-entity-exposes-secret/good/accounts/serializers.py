from rest_framework import serializers

from .models import User


class RegistrationSerializer(serializers.ModelSerializer):
    # Read once, at sign-up, and never sent back.
    password = serializers.CharField(max_length=128, write_only=True)
    # What signing up hands the new user: their own token, on purpose.
    token = serializers.CharField(max_length=255, read_only=True)

    class Meta:
        model = User
        fields = ['email', 'username', 'password', 'token']


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ('email', 'username', 'password', 'token')
        extra_kwargs = {'password': {'write_only': True}}
        read_only_fields = ('token',)
