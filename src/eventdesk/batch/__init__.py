"""Archive-scale coding: `eventdesk batch` (local processes or Dask), `load`, Parquet queries.

``plan`` cuts the inputs into partitions, ``engines`` codes them, ``parts`` writes each one
whole, ``reduce`` clusters and writes the month-partitioned dataset, ``load`` brings a dataset
into the store and ``duck`` queries one with DuckDB. See docs/batch.md.
"""
