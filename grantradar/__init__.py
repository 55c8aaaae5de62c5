"""grantradar: finds subsidy calls for the Czech Optical Cluster and tells each member which fit them."""

__version__ = "0.1.0"
