"""Models built from user input: network specs, symbolic networks and computation graphs (circuits)."""
