"""The Scrapy project: one spider module per source, shared items, pipelines, middlewares and helpers."""
