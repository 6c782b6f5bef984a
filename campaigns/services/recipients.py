"""Recipients: import of councillor lists, erasure on request, unsubscribing."""
