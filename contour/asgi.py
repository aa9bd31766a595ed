"""The ASGI application that `contour serve` (uvicorn) runs, with the embedded queue consumer."""

from contour.app import create_app

app = create_app(start_queue=True)
