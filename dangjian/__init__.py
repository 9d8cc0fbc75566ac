"""dangjian：基层党组织台账工具。"""

__version__ = "0.1.0"
