"""Imports every table module so `Base.metadata` is complete (for Alembic and tests)."""

from contour.db import Base
from contour.resources.accounts import models as accounts  # noqa: F401
from contour.resources.annotations import models as annotations  # noqa: F401
from contour.resources.common import storage  # noqa: F401
from contour.resources.data import models as data  # noqa: F401
from contour.resources.jobs import models as jobs  # noqa: F401
from contour.resources.labels import models as labels  # noqa: F401
from contour.resources.organizations import models as organizations  # noqa: F401
from contour.resources.projects import models as projects  # noqa: F401
from contour.resources.requests import models as requests  # noqa: F401
from contour.resources.settings import models as settings  # noqa: F401
from contour.resources.tasks import models as tasks  # noqa: F401

metadata = Base.metadata
