class CampaignSendingAdminMixin:
    pass
