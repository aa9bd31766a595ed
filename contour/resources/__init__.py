"""One package per REST resource: models, schemas, access, service, router."""
