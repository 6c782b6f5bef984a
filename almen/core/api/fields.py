from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.NUMBER)
class NumberField(serializers.Field):
    """A decimal as a JSON number: 3372.00 → 3372 and 14.50 → 14.5 (never a string)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        value = Decimal(value)
        if value == value.to_integral_value():
            return int(value)
        return float(value)
