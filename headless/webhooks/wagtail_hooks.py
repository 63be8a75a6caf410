from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import DeliveryPermissionPolicy, DeliveryViewSet, EndpointViewSet
from .models import Delivery

register_permission_policy(Delivery, DeliveryPermissionPolicy(Delivery))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [EndpointViewSet(), DeliveryViewSet()]
