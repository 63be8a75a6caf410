"""Schemas generated from the page models' `api_fields` and their StreamField blocks.

Blocks and serializer fields whose API shape is their own declare it as `api_schema` next to
their `get_api_representation`; everything else is mapped from Wagtail's block and field types.
"""

from django.db import models

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models

from .parts import INTEGER, STRING, ref

TABLE_SCHEMA = {
    "type": ["object", "null"],
    "properties": {
        "data": {
            "type": "array",
            "items": {"type": "array", "items": {"type": ["string", "null"]}},
        },
        "first_row_is_table_header": {"type": "boolean"},
        "first_col_is_header": {"type": "boolean"},
        "table_caption": STRING,
    },
    "required": ["data"],
}


class Schemas:
    """Collects component schemas while walking models and blocks."""

    def __init__(self):
        self.components = {}

    def add(self, name, schema):
        self.components.setdefault(name, schema)
        return ref(name)

    # Blocks ---------------------------------------------------------------------------------
    def block(self, block):
        cls = type(block)
        named = not cls.__module__.startswith("wagtail")
        name = f"{cls.__module__.split('.')[0]}.{cls.__name__}"
        if named and name in self.components:
            return ref(name)
        schema = self._block_schema(block)
        if getattr(block.meta, "help_text", None):
            schema = {**schema, "description": str(block.meta.help_text)}
        return self.add(name, schema) if named else schema

    def _block_schema(self, block):
        if hasattr(block, "api_schema"):
            return block.api_schema
        if isinstance(block, blocks.StreamBlock):
            return self._stream_schema(block)
        if isinstance(block, blocks.ListBlock):
            return {"type": "array", "items": self.block(block.child_block)}
        if isinstance(block, blocks.StructBlock):
            overrides = getattr(block, "api_schema_overrides", {})
            return {
                "type": "object",
                "properties": {
                    name: overrides.get(name) or self.block(child)
                    for name, child in block.child_blocks.items()
                },
                "required": list(block.child_blocks),
            }
        if isinstance(block, TableBlock):
            return TABLE_SCHEMA
        return scalar_block_schema(block)

    def _stream_schema(self, block):
        return {
            "type": "array",
            "items": {
                "anyOf": [
                    {
                        "type": "object",
                        "properties": {
                            "type": {"const": name},
                            "id": STRING,
                            "value": self.block(child),
                        },
                        "required": ["type", "id", "value"],
                    }
                    for name, child in block.child_blocks.items()
                ]
            },
        }

    # Page models ----------------------------------------------------------------------------
    def page_field(self, model, api_field):
        serializer = api_field.serializer
        if serializer is not None and hasattr(serializer, "api_schema"):
            return serializer.api_schema
        field = model._meta.get_field(api_field.name)
        if isinstance(field, StreamField):
            return self.block(field.stream_block)
        if isinstance(field, RichTextField):
            return {"type": "string", "contentMediaType": "text/html"}
        if isinstance(field, models.DateTimeField):
            return {"type": ["string", "null"], "format": "date-time"}
        if isinstance(field, models.DateField):
            return {"type": ["string", "null"] if field.null else "string", "format": "date"}
        if isinstance(field, models.BooleanField):
            return {"type": "boolean"}
        if isinstance(field, models.IntegerField):
            return {"type": ["integer", "null"] if field.null else "integer"}
        if isinstance(field, models.ForeignKey):
            return {"type": ["object", "null"], "properties": {"id": INTEGER}}
        return {"type": ["string", "null"] if field.null else "string"}

    def any_page(self):
        """`AnyPage`: a page checked against its own type's schema, picked by meta.type."""
        if "AnyPage" not in self.components:
            typed = {model._meta.label: self.page_model(model) for model in page_types()}
            conditions = [
                {
                    "if": {"properties": {"meta": {"properties": {"type": {"const": label}}}}},
                    "then": schema,
                }
                for label, schema in typed.items()
            ]
            self.add("AnyPage", {"allOf": [ref("Page"), *conditions]})
        return ref("AnyPage")

    def page_model(self, model):
        """A page type's detail schema: the common page fields and its own `api_fields`."""
        own = {f.name: self.page_field(model, f) for f in getattr(model, "api_fields", ())}
        doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
        return self.add(
            model._meta.label,
            {
                "description": doc,
                "allOf": [ref("Page"), {"type": "object", "properties": own}],
            },
        )


def scalar_block_schema(block):
    """The schema of a block that holds one value."""
    nullable = not getattr(block, "required", True)
    if isinstance(block, blocks.ChooserBlock):
        return {"type": ["integer", "null"], "description": "The chosen object's id."}
    if isinstance(block, blocks.IntegerBlock):
        return {"type": ["integer", "null"] if nullable else "integer"}
    if isinstance(block, blocks.FloatBlock | blocks.DecimalBlock):
        return {"type": ["number", "null"] if nullable else "number"}
    if isinstance(block, blocks.BooleanBlock):
        return {"type": "boolean"}
    if isinstance(block, blocks.DateBlock):
        return {"type": ["string", "null"], "format": "date"}
    if isinstance(block, blocks.DateTimeBlock):
        return {"type": ["string", "null"], "format": "date-time"}
    if isinstance(block, blocks.RichTextBlock):
        return {"type": "string", "contentMediaType": "text/html"}
    if isinstance(block, blocks.ChoiceBlock):
        # "" for no choice, once: a block that is not required lists it among its choices.
        choices = [str(k) for k, _ in block.field.choices if str(k) != ""]
        return {"type": "string", "enum": ["", *choices]}
    return STRING


def page_types():
    """The page models the API describes: those with `api_fields`."""
    return [m for m in get_page_models() if m is not Page and getattr(m, "api_fields", None)]
