users.get('/not-a-route-tests-are-skipped', () => {});
