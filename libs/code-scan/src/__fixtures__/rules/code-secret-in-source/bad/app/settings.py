SECRET_KEY = "dj4ng0-s3cr3t-k3y-for-prod"  # expect-finding
