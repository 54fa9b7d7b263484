"""UK reference data: police forces and CT regions, boundaries, postcodes, places, MPs.

A pure library, with no database or web code: :func:`vigil.reference.data.load_reference`
reads a directory of the official open datasets into immutable records, and
:class:`vigil.reference.lookup.GeoLookup` answers "which force polices this point,
postcode or place?" from them. Importing this package does no work.
"""
