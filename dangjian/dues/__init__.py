"""Party dues (党费): the calculation, the ledger, the yearly assessment and the publication table.

Money is `Decimal` everywhere; every tier, rate and threshold comes from dangjian.params.
"""
