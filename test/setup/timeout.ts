// Integration tests start servers and run real jobs on a shared machine. `testTimeout` in a Jest project's config is
// not applied (it is a global option), which left these tests on Jest's 5 s default; this sets their bound.
jest.setTimeout(120_000);
